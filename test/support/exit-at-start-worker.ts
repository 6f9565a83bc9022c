// A worker that dies before it says a word, like one whose bundled entry is missing a module.
process.stderr.write('Error: Cannot find module ./missing.js\n');
process.exit(3);
