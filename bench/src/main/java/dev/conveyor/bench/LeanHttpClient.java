package dev.conveyor.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, for one thread. The load generator shares
 * the two cores with what it measures: {@code java.net.http.HttpClient} costs about half a
 * millisecond of CPU per request here, this about 20-25 microseconds. It speaks only what the
 * benchmark needs: a POST or GET with a small body, answered with Content-Length or chunked.
 */
final class LeanHttpClient implements AutoCloseable {

    /** A response: status and body text. */
    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String headerBlock;
    // our own buffer: BufferedInputStream takes a lock on every read() of a byte
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * @param tenant sent as {@code X-Conveyor-Tenant}, so each benchmark mode has jobs of its own (the
     *     admin key may act for any tenant)
     * @param apiKey sent as the bearer token; null sends none (health probes)
     */
    LeanHttpClient(String host, int port, String tenant, String apiKey) {
        this.host = host;
        this.port = port;
        this.headerBlock = "Host: " + host + ":" + port + "\r\n"
                + (apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n")
                + "X-Conveyor-Tenant: " + tenant + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n";
    }

    Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n" + headerBlock + "Content-Length: " + body.length + "\r\n\r\n";
        return exchange(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    Response get(String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\n" + headerBlock + "\r\n";
        return exchange(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
    }

    private Response exchange(byte[] head, byte[] body) throws IOException {
        if (socket == null || socket.isClosed()) {
            connect();
        }
        try {
            return send(head, body);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Response send(byte[] head, byte[] body) throws IOException {
        // one write, so head and body leave in one segment
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        String statusLine = readLine();
        if (statusLine == null || statusLine.length() < 12) {
            throw new IOException("No HTTP response (connection closed)");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        String text;
        if (chunked) {
            text = readChunked();
        } else if (contentLength >= 0) {
            text = new String(readBytes((int) contentLength), StandardCharsets.UTF_8);
        } else {
            text = "";
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, text);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new IOException("Connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // trailers, then the empty line
                for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                    // ignored
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(readBytes(size));
            readLine();
        }
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    private byte[] readBytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        int filled = Math.min(count, limit - position);
        System.arraycopy(buffer, position, bytes, 0, filled);
        position += filled;
        while (filled < count) {
            int read = in.read(bytes, filled, count - filled);
            if (read < 0) {
                throw new IOException("Connection closed inside a body");
            }
            filled += read;
        }
        return bytes;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = read()) != -1) {
            if (c == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        position = 0;
        limit = 0;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }
}
