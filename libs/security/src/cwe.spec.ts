import { cweName, cweTitle, cweUrl, defaultFixHint, normalizeCwe } from './cwe';

describe('CWE helpers', () => {
  it('normalizes ids', () => {
    expect(normalizeCwe(787)).toBe('CWE-787');
    expect(normalizeCwe('787')).toBe('CWE-787');
    expect(normalizeCwe('cwe-0787')).toBe('CWE-787');
    expect(normalizeCwe('CWE-119!')).toBe('CWE-119');
    expect(normalizeCwe('nonsense')).toBeNull();
    expect(normalizeCwe(undefined)).toBeNull();
    expect(normalizeCwe(-3)).toBeNull();
  });

  it('names the CWEs the rules use', () => {
    expect(cweTitle('CWE-787')).toBe('CWE-787: Out-of-bounds Write');
    expect(cweName(78)).toMatch(/OS Command Injection/);
    expect(cweName('CWE-89')).toMatch(/SQL Injection/);
    expect(cweName('CWE-502')).toBe('Deserialization of Untrusted Data');
    expect(cweName('CWE-1333')).toBe('Inefficient Regular Expression Complexity');
    expect(cweName('CWE-99999')).toBeNull();
    expect(cweTitle('CWE-99999')).toBe('CWE-99999');
  });

  it('links to MITRE', () => {
    expect(cweUrl('CWE-787')).toBe('https://cwe.mitre.org/data/definitions/787.html');
    expect(cweUrl(79)).toBe('https://cwe.mitre.org/data/definitions/79.html');
    expect(() => cweUrl('x')).toThrow();
  });

  it('has a fix hint for every CWE', () => {
    expect(defaultFixHint('CWE-89')).toMatch(/parameterized/);
    expect(defaultFixHint('CWE-99999')).toMatch(/CWE/);
  });
});
