function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object') {
      target[key] = target[key] || {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

const input = require('fs').readFileSync(0, 'utf8').trim();
let patch = {};
try {
  patch = JSON.parse(input);
} catch {
  patch = {};
}
const settings = merge({ theme: 'light' }, patch);
console.log(JSON.stringify(settings));
