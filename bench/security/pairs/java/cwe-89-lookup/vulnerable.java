import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class Main {
    public static void main(String[] args) throws Exception {
        String name = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();
        try (Connection db = DriverManager.getConnection(System.getenv("DB_URL"))) {
            Statement st = db.createStatement();
            ResultSet rs = st.executeQuery("SELECT score FROM users WHERE name = '" + name + "'");
            System.out.println(rs.next() ? rs.getInt(1) : -1);
        } catch (Exception e) {
            System.out.println("unavailable");
        }
    }
}
