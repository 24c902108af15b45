package dev.shop.system;

import dev.shop.localrun.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server for one test: answers A queries for the names it is given, nothing else. It stands
 * in for Docker's or Kubernetes' DNS, where a service name resolves to the address of every replica.
 */
final class TestDns implements AutoCloseable {

    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;

    private final DatagramSocket socket;
    private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();
    private final Thread server;

    TestDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * The gateway (from the local run), finding catalog-service's replicas as the addresses this server
     * lists for {@code name}, all on the same ports, as containers are.
     */
    ServiceProcess.Builder gatewayFindingCatalogAs(String name, int port, int managementPort) {
        return ServiceProcess.builder(Path.of(System.getProperty("shop.repository")), "gateway")
                .env("SHOP_DISCOVERY", "dns")
                .env("SHOP_DNS_SERVERS", address())
                .env("SHOP_BACKEND_CATALOG_HOST", name)
                .env("SHOP_BACKEND_CATALOG_PORT", Integer.toString(port))
                .env("SHOP_BACKEND_CATALOG_MANAGEMENT_PORT", Integer.toString(managementPort))
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    void set(String name, List<InetAddress> addresses) {
        records.put(name.toLowerCase(), List.copyOf(addresses));
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(ByteBuffer query) {
        short id = query.getShort();
        short flags = query.getShort();
        query.position(12);
        int questionStart = query.position();
        StringBuilder name = new StringBuilder();
        for (int length = query.get() & 0xFF; length > 0; length = query.get() & 0xFF) {
            byte[] label = new byte[length];
            query.get(label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label));
        }
        int type = query.getShort() & 0xFFFF;
        query.getShort();
        byte[] question = java.util.Arrays.copyOfRange(query.array(), questionStart, query.position());

        List<InetAddress> addresses = type == TYPE_A
                ? records.getOrDefault(name.toString().toLowerCase(), List.of()) : List.of();
        boolean known = records.containsKey(name.toString().toLowerCase());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12);
        header.putShort(id);
        // A response, recursion desired as asked, recursion available; NXDOMAIN for unknown names.
        header.putShort((short) (0x8180 | (flags & 0x0100) | (known ? 0 : 3)));
        header.putShort((short) 1).putShort((short) addresses.size()).putShort((short) 0).putShort((short) 0);
        out.writeBytes(header.array());
        out.writeBytes(question);
        for (InetAddress address : addresses) {
            ByteBuffer record = ByteBuffer.allocate(16);
            record.putShort((short) 0xC00C);  // the name, pointing back at the question
            record.putShort((short) TYPE_A).putShort((short) CLASS_IN);
            record.putInt(1);  // TTL: one second
            record.putShort((short) 4).put(address.getAddress());
            out.writeBytes(record.array());
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
        server.interrupt();
    }
}
