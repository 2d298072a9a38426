package io.tenantra.agents;

import io.tenantra.model.Item;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A compact binary copy of a module's items, stored beside the JSON ({@code module_result.facts}) for
 * the one reader that reads everything: a fleet's re-evaluation. Reading ten thousand assets' items
 * back from JSON text cost a third of the re-evaluation (PostgreSQL printing jsonb, Jackson parsing
 * it); this format is read with no tokenizing and every distinct string decoded once per module.
 *
 * <p>The JSON stays the record of what the agent sent (pages, exports and SQL search read it); this
 * copy is derived from it and can always be rebuilt from it, so an unknown version is simply ignored
 * by {@link #decode} and the JSON read instead.
 *
 * <p>Layout (version 1): magic {@code 'F'}, version, item count, then per item its type, key and
 * attributes as values. A value is a tag byte and its body; strings are written once and referred to
 * by their index afterwards (attribute names and values such as "root" or "LISTEN" repeat thousands of
 * times in a module). Integers are zig-zag varints. Decoded values have the types the stored-JSON
 * reader gives: Integer, Long, BigInteger, Double, BigDecimal, String, Boolean, null, ArrayList and
 * TreeMap, so an evaluation cannot tell which copy it read.
 */
final class FactsCodec {

    static final byte MAGIC = 'F';
    static final byte VERSION = 1;

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int BIG_INTEGER = 6;
    private static final int BIG_DECIMAL = 7;
    private static final int NEW_STRING = 8;
    private static final int KNOWN_STRING = 9;
    private static final int LIST = 10;
    private static final int MAP = 11;
    private static final int FLOAT = 12;

    private FactsCodec() {}

    static byte[] encode(List<Item> items) {
        Writer writer = new Writer();
        writer.out.write(MAGIC);
        writer.out.write(VERSION);
        writer.varint(items.size());
        for (Item item : items) {
            writer.string(item.type());
            writer.string(item.key());
            writer.value(item.attributes());
        }
        return writer.out.toByteArray();
    }

    /**
     * As {@link #encode}, or null when an attribute has no stored form: the JSON is then the only
     * copy, and readers use it. Ingestion never fails for the sake of a derived copy.
     */
    static byte[] encodeOrNull(List<Item> items) {
        try {
            return encode(items);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The items, or null when {@code bytes} are not this version's (read the JSON instead). */
    static List<Item> decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != MAGIC || bytes[1] != VERSION) {
            return null;
        }
        Reader reader = new Reader(bytes);
        int count = reader.varint();
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = (String) reader.value();
            String key = (String) reader.value();
            // The item copies its attributes into its own sorted map; handing it the entries already
            // in order makes that copy the only one, built in one pass.
            if (bytes[reader.at++] != MAP) {
                throw new IllegalArgumentException("stored facts hold an item without attributes at " + reader.at);
            }
            items.add(new Item(type, key, reader.entries()));
        }
        if (reader.at != bytes.length) {
            throw new IllegalArgumentException("stored facts have " + (bytes.length - reader.at) + " trailing bytes");
        }
        return items;
    }

    /**
     * Read-only entries already in key order, for {@code new TreeMap<>(sortedMap)}, which builds the
     * tree in one linear pass from a sorted map (natural order: {@link #comparator()} is null).
     * Only what that copy uses is supported; this never leaves the codec.
     */
    private static final class SortedEntries extends AbstractMap<String, Object> implements SortedMap<String, Object> {
        private final String[] names;
        private final Object[] values;

        SortedEntries(String[] names, Object[] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return names.length;
                }
            };
        }

        @Override
        public Comparator<? super String> comparator() {
            return null;
        }

        @Override
        public SortedMap<String, Object> subMap(String fromKey, String toKey) {
            return new TreeMap<>(this).subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<String, Object> headMap(String toKey) {
            return new TreeMap<>(this).headMap(toKey);
        }

        @Override
        public SortedMap<String, Object> tailMap(String fromKey) {
            return new TreeMap<>(this).tailMap(fromKey);
        }

        @Override
        public String firstKey() {
            if (names.length == 0) {
                throw new NoSuchElementException();
            }
            return names[0];
        }

        @Override
        public String lastKey() {
            if (names.length == 0) {
                throw new NoSuchElementException();
            }
            return names[names.length - 1];
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private final Map<String, Integer> known = new HashMap<>();

        void value(Object value) {
            if (value == null) {
                out.write(NULL);
            } else if (value instanceof String text) {
                string(text);
            } else if (value instanceof Boolean flag) {
                out.write(flag ? TRUE : FALSE);
            } else if (value instanceof Integer number) {
                out.write(INT);
                varlong(zigzag(number));
            } else if (value instanceof Long number) {
                out.write(LONG);
                varlong(zigzag(number));
            } else if (value instanceof Double number) {
                out.write(DOUBLE);
                fixed64(Double.doubleToRawLongBits(number));
            } else if (value instanceof Float number) {
                out.write(FLOAT);
                fixed64(Float.floatToRawIntBits(number));
            } else if (value instanceof BigInteger number) {
                out.write(BIG_INTEGER);
                text(number.toString());
            } else if (value instanceof BigDecimal number) {
                out.write(BIG_DECIMAL);
                text(number.toString());
            } else if (value instanceof Short || value instanceof Byte) {
                out.write(INT);
                varlong(zigzag(((Number) value).intValue()));
            } else if (value instanceof List<?> list) {
                out.write(LIST);
                varint(list.size());
                list.forEach(this::value);
            } else if (value instanceof Map<?, ?> map) {
                // Always in key order, whatever order the map had: the reader builds its sorted maps
                // in one linear pass instead of inserting key by key.
                Map<?, ?> sorted = inKeyOrder(map) ? map : sorted(map);
                out.write(MAP);
                varint(sorted.size());
                sorted.forEach((name, each) -> {
                    string((String) name);
                    value(each);
                });
            } else {
                throw new IllegalArgumentException(
                        "an item attribute of type " + value.getClass().getName() + " has no stored form");
            }
        }

        private static boolean inKeyOrder(Map<?, ?> map) {
            String previous = null;
            for (Object name : map.keySet()) {
                if (!(name instanceof String text) || (previous != null && previous.compareTo(text) >= 0)) {
                    return false;
                }
                previous = text;
            }
            return true;
        }

        private static Map<String, Object> sorted(Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((name, each) -> sorted.put(String.valueOf(name), each));
            return sorted;
        }

        void string(String text) {
            Integer index = known.get(text);
            if (index != null) {
                out.write(KNOWN_STRING);
                varint(index);
            } else {
                known.put(text, known.size());
                out.write(NEW_STRING);
                text(text);
            }
        }

        void text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            out.write(utf8, 0, utf8.length);
        }

        void varint(int value) {
            varlong(value & 0xFFFFFFFFL);
        }

        void varlong(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        void fixed64(long bits) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift));
            }
        }

        private static long zigzag(long value) {
            return (value << 1) ^ (value >> 63);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private final List<String> known = new ArrayList<>();
        private int at = 2;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        Object value() {
            int tag = bytes[at++];
            return switch (tag) {
                case NULL -> null;
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                case INT -> (int) unzigzag(varlong());
                case LONG -> unzigzag(varlong());
                case DOUBLE -> Double.longBitsToDouble(fixed64());
                case FLOAT -> Float.intBitsToFloat((int) fixed64());
                case BIG_INTEGER -> new BigInteger(text());
                case BIG_DECIMAL -> new BigDecimal(text());
                case NEW_STRING -> {
                    String text = text();
                    known.add(text);
                    yield text;
                }
                case KNOWN_STRING -> known.get(varint());
                case LIST -> {
                    int size = varint();
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(value());
                    }
                    yield list;
                }
                case MAP -> new TreeMap<>(entries());
                default ->
                    throw new IllegalArgumentException("stored facts hold an unknown tag " + tag + " at " + (at - 1));
            };
        }

        /** A map's entries, in the key order the writer guarantees, as a sorted map to copy from. */
        private SortedEntries entries() {
            int size = varint();
            String[] names = new String[size];
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                names[i] = (String) value();
                values[i] = value();
                if (i > 0 && names[i - 1].compareTo(names[i]) >= 0) {
                    throw new IllegalArgumentException("stored facts hold a map out of key order at " + at);
                }
            }
            return new SortedEntries(names, values);
        }

        String text() {
            int length = varint();
            String text = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        int varint() {
            return (int) varlong();
        }

        long varlong() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        long fixed64() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (bytes[at++] & 0xFF);
            }
            return bits;
        }

        private static long unzigzag(long value) {
            return (value >>> 1) ^ -(value & 1);
        }
    }
}
