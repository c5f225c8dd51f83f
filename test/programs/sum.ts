/** Programs for the "A plus B" problem, in every language, with the verdict each must get. */
export const SUM_AC: Record<string, string> = {
  c: '#include <stdio.h>\nint main(void){long long a,b;if(scanf("%lld %lld",&a,&b)!=2)return 1;printf("%lld\\n",a+b);return 0;}\n',
  cpp: '#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<std::endl;}\n',
  python: 'a, b = map(int, input().split())\nprint(a + b)\n',
  java: 'import java.util.*;\npublic class Main {\n  public static void main(String[] args) {\n    Scanner s = new Scanner(System.in);\n    long a = s.nextLong(), b = s.nextLong();\n    System.out.println(a + b);\n  }\n}\n',
  javascript:
    "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n",
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
  rust: 'use std::io::Read;\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!("{}", v[0] + v[1]);\n}\n',
};

export const SUM_WRONG = {
  c: {
    WA: '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a-b);return 0;}\n',
  },
  cpp: { RE: '#include <cstdlib>\nint main(){ int *p = nullptr; *p = 1; return 0; }\n' },
  python: { RE: 'raise SystemExit(3)\n', CE: 'def broken(:\n    pass\n' },
  java: { CE: 'public class Main { public static void main(String[] a) { int x = "str"; } }\n' },
  javascript: { TLE: 'while (true) {}\n' },
  go: { CE: 'package main\n\nfunc main() {\n\tx := 1 +\n}\n' },
  rust: { RE: 'fn main() {\n    let v: Vec<i64> = Vec::new();\n    println!("{}", v[1]);\n}\n' },
};
