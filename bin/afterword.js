#!/usr/bin/env node
// Runs the compiled CLI (npm install builds it into dist/).
import('../dist/cli/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('afterword: not built yet; run "npm run build" (or "npm run afterword -- <args>" from a checkout)\n');
    process.exit(1);
  }
  throw error;
});
