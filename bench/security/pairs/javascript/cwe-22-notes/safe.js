const fs = require('fs');
const path = require('path');

const base = path.resolve('/tmp/notes');
const name = fs.readFileSync(0, 'utf8').trim();
const file = path.resolve(base, name);
if (!file.startsWith(base + path.sep)) {
  console.log('no such note');
} else {
  try {
    console.log(fs.readFileSync(file, 'utf8'));
  } catch {
    console.log('no such note');
  }
}
