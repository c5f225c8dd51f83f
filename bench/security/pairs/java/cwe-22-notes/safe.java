import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class Main {
    public static void main(String[] args) throws Exception {
        String name = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();
        Path base = Paths.get("/tmp/notes").toAbsolutePath().normalize();
        Path note = base.resolve(name).normalize();
        if (!note.startsWith(base)) {
            System.out.println("no such note");
            return;
        }
        try {
            System.out.println(Files.readString(note));
        } catch (Exception e) {
            System.out.println("no such note");
        }
    }
}
