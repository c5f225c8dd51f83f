import java.io.*;
import java.security.MessageDigest;
import java.sql.*;
import java.util.Random;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String name = in.readLine();
        Runtime.getRuntime().exec("ls " + name);
        ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(new byte[0]));
        Object o = ois.readObject();
        Connection conn = DriverManager.getConnection("jdbc:h2:mem:");
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        MessageDigest md = MessageDigest.getInstance("MD5");
        String sessionToken = Long.toHexString(new Random().nextLong());
        System.out.println(o + " " + rs + " " + md + " " + sessionToken);
    }
}
