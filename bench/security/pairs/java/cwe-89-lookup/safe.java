import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

public class Main {
    public static void main(String[] args) throws Exception {
        String name = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();
        try (Connection db = DriverManager.getConnection(System.getenv("DB_URL"))) {
            PreparedStatement st = db.prepareStatement("SELECT score FROM users WHERE name = ?");
            st.setString(1, name);
            ResultSet rs = st.executeQuery();
            System.out.println(rs.next() ? rs.getInt(1) : -1);
        } catch (Exception e) {
            System.out.println("unavailable");
        }
    }
}
