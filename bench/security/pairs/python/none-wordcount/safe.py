import sys
from collections import Counter

words = sys.stdin.read().split()
for word, n in sorted(Counter(words).items()):
    print(word, n)
