/**
 * Bastion's own stand-in for the `IO` helper class Juliet Java test cases call, written from the
 * names they use; it goes after the program's `Main` class as a package-private class. It holds no
 * credentials and no randomness: `staticReturnsTrueOrFalse` reads a field the analyzers cannot
 * assume constant, so a program takes the same path on every run.
 */
export const JAVA_IO_SHIM = `
final class IO {
    static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("bench");
    static final boolean STATIC_FINAL_TRUE = true;
    static final boolean STATIC_FINAL_FALSE = false;
    static final int STATIC_FINAL_FIVE = 5;
    static boolean staticTrue = true;
    static boolean staticFalse = false;
    static int staticFive = 5;
    static volatile boolean staticSwitch = true;

    static void writeString(String s) { System.out.print(s); }
    static void writeLine(String s) { System.out.println(s); }
    static void writeLine(int n) { System.out.println(n); }
    static void writeLine(long n) { System.out.println(n); }
    static void writeLine(double x) { System.out.println(x); }
    static void writeLine(float x) { System.out.println(x); }
    static void writeLine(short n) { System.out.println(n); }
    static void writeLine(byte b) { System.out.println(String.format("%02x", b)); }

    static java.sql.Connection getDBConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(System.getProperty("bench.db.url", "jdbc:none:"));
    }

    static boolean staticReturnsTrue() { return true; }
    static boolean staticReturnsFalse() { return false; }
    static boolean staticReturnsTrueOrFalse() { return staticSwitch; }

    static String toHex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) out.append(String.format("%02x", b & 0xff));
        return out.toString();
    }
}
`;
