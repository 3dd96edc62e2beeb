/** The environment of the processes a bench measures: no PostgreSQL URL or data directory from the caller's shell. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['AFTERWORD_DATA_DIR'];
  delete env['NODE_OPTIONS'];
  return env;
}
