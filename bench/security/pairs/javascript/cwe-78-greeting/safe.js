const { execFileSync } = require('child_process');

const name = require('fs').readFileSync(0, 'utf8').trim();
process.stdout.write(execFileSync('echo', [`Hello, ${name}`]).toString());
