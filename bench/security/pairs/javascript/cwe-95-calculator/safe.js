const expr = require('fs').readFileSync(0, 'utf8').trim();
const m = /^(-?\d+)\s*([-+*])\s*(-?\d+)$/.exec(expr);
if (!m) {
  console.log('error');
} else {
  const [a, op, b] = [BigInt(m[1]), m[2], BigInt(m[3])];
  console.log(String(op === '+' ? a + b : op === '-' ? a - b : a * b));
}
