import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        if (!in.hasNextInt()) return;
        int side = in.nextInt();
        int area = side * side;
        int[] cells = new int[Math.max(area, 0) % 1000 + 1];
        System.out.println(area + " " + cells.length);
    }
}
