import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws Exception {
        String name = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();
        Process p = new ProcessBuilder("echo", "Hello, " + name).start();
        p.getInputStream().transferTo(System.out);
        p.waitFor();
    }
}
