package workshop.progress;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Runs a class's tests in the order they are written (a class's own {@code @TestMethodOrder} still
 * wins), and tells the progress report which failing test comes first in the file: the one a
 * learner reads first. Reflection does not give the order of declaration; the class file does
 * (javac writes methods in source order), so this reads the method table of the class file.
 */
public final class SourceOrder implements MethodOrderer {

    private static final Map<Class<?>, List<String>> METHODS = new ConcurrentHashMap<>();

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparingInt(
                (MethodDescriptor method) -> position(method.getMethod().getDeclaringClass(), method.getMethod().getName())));
    }

    /** Where the method is declared in its class, from 0; after every method when unknown. */
    static int position(Class<?> type, String method) {
        int index = METHODS.computeIfAbsent(type, SourceOrder::methodNames).indexOf(method);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static List<String> methodNames(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream file = type.getResourceAsStream(resource)) {
            return file == null ? List.of() : methodNames(new DataInputStream(new BufferedInputStream(file)));
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The names in the methods table (JVMS §4.1), in file order. */
    private static List<String> methodNames(DataInputStream in) throws IOException {
        in.skipNBytes(8); // magic, minor and major version
        int constants = in.readUnsignedShort();
        String[] utf8 = new String[constants];
        for (int i = 1; i < constants; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // JVMS §4.4.5: a long or a double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.skipNBytes(6); // access flags, this class, super class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        skipMembers(in); // fields
        int methods = in.readUnsignedShort();
        List<String> names = new ArrayList<>(methods);
        for (int i = 0; i < methods; i++) {
            in.skipNBytes(2); // access flags
            names.add(utf8[in.readUnsignedShort()]);
            in.skipNBytes(2); // descriptor
            skipAttributes(in);
        }
        return names;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int i = 0; i < members; i++) {
            in.skipNBytes(6); // access flags, name, descriptor
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int i = 0; i < attributes; i++) {
            in.skipNBytes(2); // name
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }
}
