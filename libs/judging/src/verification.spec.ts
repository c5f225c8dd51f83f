import { asJavaMain, deriveTimeLimitMs } from './verification';

describe('deriveTimeLimitMs', () => {
  it('multiplies the slowest accepted time and rounds up to whole seconds', () => {
    expect(deriveTimeLimitMs(300, 5)).toBe(2000);
    expect(deriveTimeLimitMs(400, 5)).toBe(2000);
    expect(deriveTimeLimitMs(401, 5)).toBe(3000);
  });

  it('is at least a second and at most the cap', () => {
    expect(deriveTimeLimitMs(0, 5)).toBe(1000);
    expect(deriveTimeLimitMs(3, 2)).toBe(1000);
    expect(deriveTimeLimitMs(50_000, 5, 10_000)).toBe(10_000);
  });
});

describe('asJavaMain', () => {
  it('renames the public class and its uses', () => {
    const src =
      'import java.util.*;\npublic class Hello {\n  static Hello make() { return new Hello(); }\n  public static void main(String[] a) {}\n}\n';
    expect(asJavaMain(src)).toBe(
      'import java.util.*;\npublic class Main {\n  static Main make() { return new Main(); }\n  public static void main(String[] a) {}\n}\n',
    );
  });

  it('leaves Main alone, and does not touch names that only contain the class name', () => {
    expect(asJavaMain('public class Main {}')).toBe('public class Main {}');
    expect(asJavaMain('class Sol { SolHelper h; }')).toBe('class Main { SolHelper h; }');
  });
});
