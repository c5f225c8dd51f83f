import { parseCsvRows, parseRoster } from './roster';

describe('roster CSV', () => {
  it('parses quoted fields, CRLF and a BOM', () => {
    expect(parseCsvRows('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
    const r = parseRoster('\uFEFFEmail,Name,Role\nkim@uni.ac.kr,"Kim, Minji",student\nlee@uni.ac.kr,Lee,\n');
    expect(r).toEqual([
      { line: 2, email: 'kim@uni.ac.kr', name: 'Kim, Minji', role: 'student', password: null },
      { line: 3, email: 'lee@uni.ac.kr', name: 'Lee', role: 'student', password: null },
    ]);
  });

  it('needs the email and name columns', () => {
    expect(() => parseRoster('mail,who\nx,y\n')).toThrow(/email and name/);
  });

  it('refuses a file with a NUL character (PostgreSQL would refuse the row)', () => {
    expect(() => parseRoster('email,name\nkim@uni.ac.kr,Kim\0\n')).toThrow(/NUL/);
  });
});
