import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        if (!in.hasNextInt()) return;
        int side = in.nextInt();
        try {
            int area = Math.multiplyExact(side, side);
            System.out.println(area);
        } catch (ArithmeticException e) {
            System.out.println("too large");
        }
    }
}
