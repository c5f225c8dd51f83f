const expr = require('fs').readFileSync(0, 'utf8').trim();
try {
  console.log(eval(expr));
} catch {
  console.log('error');
}
