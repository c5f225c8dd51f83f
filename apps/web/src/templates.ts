/** Starter code per language: read the input, print the answer. */
export const TEMPLATES: Record<string, string> = {
  c: `#include <stdio.h>

int main(void) {
    /* Read the input with scanf and print the answer with printf. */
    return 0;
}
`,
  cpp: `#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    // Read the input with cin and print the answer with cout.
    return 0;
}
`,
  python: `import sys


def main() -> None:
    data = sys.stdin.read().split()
    # Solve the problem and print the answer.


main()
`,
  java: `import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        // Read the input and print the answer with System.out.println.
    }
}
`,
  javascript: `const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/);
// Solve the problem and print the answer with console.log.
`,
};

export const FALLBACK_LANGUAGES = [
  { id: 'c', name: 'C', version: '' },
  { id: 'cpp', name: 'C++', version: '' },
  { id: 'python', name: 'Python', version: '' },
  { id: 'java', name: 'Java', version: '' },
  { id: 'javascript', name: 'JavaScript', version: '' },
];

export const languageName = (id: string) => FALLBACK_LANGUAGES.find((l) => l.id === id)?.name ?? id;
