const [pattern, ...lines] = require('fs').readFileSync(0, 'utf8').split('\n');
const re = new RegExp(pattern);
console.log(lines.filter((l) => re.test(l)).length);
