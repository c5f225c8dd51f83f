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
  go: `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	// Read the input with fmt.Fscan(in, &x) and print the answer with fmt.Fprintln(out, ...).
	_ = in
	fmt.Fprint(out, "")
}
`,
  rust: `use std::io::{self, Read, Write};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut words = input.split_ascii_whitespace();
    let out = io::stdout();
    let mut out = out.lock();
    // Parse with words.next().unwrap().parse::<i64>().unwrap() and print with writeln!(out, ...).
    let _ = (&mut words, &mut out);
    out.flush().unwrap();
}
`,
};

export const FALLBACK_LANGUAGES = [
  { id: 'c', name: 'C', version: '' },
  { id: 'cpp', name: 'C++', version: '' },
  { id: 'python', name: 'Python', version: '' },
  { id: 'java', name: 'Java', version: '' },
  { id: 'javascript', name: 'JavaScript', version: '' },
  { id: 'go', name: 'Go', version: '' },
  { id: 'rust', name: 'Rust', version: '' },
];

export const languageName = (id: string) => FALLBACK_LANGUAGES.find((l) => l.id === id)?.name ?? id;
