/**
 * The API suites (src/server) again on PostgreSQL, when AFTERWORD_TEST_DATABASE_URL names a server
 * (CI sets it): each test's store is a fresh database there. Without it, says so and does nothing.
 */
import { spawnSync } from 'node:child_process';

if (!process.env.AFTERWORD_TEST_DATABASE_URL) {
  console.log('test:api-pg: AFTERWORD_TEST_DATABASE_URL is not set; the API suites ran on PGlite only');
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', 'src/server', '--reporter=dot', '--reporter=./test/failure-list.ts'], {
  stdio: 'inherit',
  env: { ...process.env, AFTERWORD_TEST_API_ON_POSTGRES: '1' },
});
process.exit(result.status ?? 1);
