package io.octoplane.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS client that sends the request line and headers exactly as given, byte for
 * byte, so tests can send what {@code java.net.http} refuses to: bad percent-encoding,
 * raw non-ASCII, over-long headers. One request per connection.
 */
public final class RawHttps {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final SSLContext tls;

	private final int port;

	public RawHttps(SSLContext tls, int port) {
		this.tls = tls;
		this.port = port;
	}

	/**
	 * Sends a request and reads the whole answer.
	 * @param method the method
	 * @param target the request target, sent as UTF-8 without any encoding
	 * @param headers extra headers
	 * @param body the body, or {@code null} for none
	 * @return the answer
	 * @throws IOException if no answer can be read
	 */
	public Response send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
		try (SSLSocket socket = (SSLSocket) this.tls.getSocketFactory().createSocket("127.0.0.1", this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost:").append(this.port).append("\r\n");
			head.append("Connection: close\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (body != null) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.toString().getBytes(StandardCharsets.UTF_8));
				if (body != null) {
					out.write(body);
				}
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before
				// it read everything; its answer counts.
			}
			return read(socket.getInputStream());
		}
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("no HTTP answer: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body;
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
				all.write(in.readNBytes(size));
				line(in);
			}
			body = all.toByteArray();
		}
		else if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else {
			body = in.readAllBytes();
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static int chunkSize(InputStream in) throws IOException {
		String line = line(in);
		int extension = line.indexOf(';');
		return Integer.parseInt((extension >= 0) ? line.substring(0, extension) : line, 16);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("connection closed in the middle of a line");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		/** The content type, or an empty text. */
		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
