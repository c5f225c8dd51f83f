const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN.has(key)) continue;
    if (source[key] && typeof source[key] === 'object') {
      if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = {};
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
