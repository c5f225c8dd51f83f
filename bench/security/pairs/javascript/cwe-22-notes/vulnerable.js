const fs = require('fs');
const path = require('path');

const name = fs.readFileSync(0, 'utf8').trim();
try {
  console.log(fs.readFileSync(path.join('/tmp/notes', name), 'utf8'));
} catch {
  console.log('no such note');
}
