package io.octoplane.protocol.tls;

import java.io.ByteArrayOutputStream;

/**
 * The few DER rules {@link PemReader} needs to rewrap a legacy key: where an element's
 * content starts and ends, and how to write a tag and length before some content.
 *
 * @param contentStart index of the first content byte
 * @param end index just past the element
 */
record Der(int contentStart, int end) {

	static Der at(byte[] der, int offset) {
		int first = der[offset + 1] & 0xff;
		if (first < 0x80) {
			return new Der(offset + 2, offset + 2 + first);
		}
		int lengthBytes = first & 0x7f;
		if (lengthBytes == 0 || lengthBytes > 3) {
			throw new IllegalArgumentException("unsupported DER length");
		}
		int length = 0;
		for (int i = 0; i < lengthBytes; i++) {
			length = (length << 8) | (der[offset + 2 + i] & 0xff);
		}
		int start = offset + 2 + lengthBytes;
		if (start + length > der.length) {
			throw new IllegalArgumentException("DER element longer than its input");
		}
		return new Der(start, start + length);
	}

	static byte[] encode(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else if (length < 0x100) {
			out.write(0x81);
			out.write(length);
		}
		else if (length < 0x10000) {
			out.write(0x82);
			out.write(length >> 8);
			out.write(length);
		}
		else {
			out.write(0x83);
			out.write(length >> 16);
			out.write(length >> 8);
			out.write(length);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

}
