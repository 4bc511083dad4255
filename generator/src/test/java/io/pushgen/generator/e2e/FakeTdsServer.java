package io.pushgen.generator.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * The part of a SQL Server that a Microsoft Entra login meets before the driver asks for a token,
 * as MS-TDS lays it out: the pre-login answer (no encryption, federated authentication required),
 * then, for the LOGIN7 request, a FEDAUTHINFO token naming the token service (STSURL) and the
 * resource (SPN) the token is for. What the driver does next is its own and its identity
 * libraries': it requests a token and sends it in a FEDAUTH_TOKEN message, which this server
 * records before it refuses the login (error 18456), or it fails on the way and closes the
 * connection. No data is ever served.
 */
final class FakeTdsServer implements AutoCloseable {
  private static final int PRELOGIN = 0x12;
  private static final int LOGIN7 = 0x10;
  private static final int FEDAUTH_TOKEN = 0x08;
  private static final int TABULAR_RESULT = 0x04;

  /** What one connection sent: its TDS message types in order, and the access token if one came. */
  record Login(List<Integer> messageTypes, String accessToken) {}

  private final String stsUrl;
  private final String spn;
  private final ServerSocket socket;
  private final Thread acceptor;
  private final List<Login> logins = Collections.synchronizedList(new ArrayList<>());

  /**
   * Listens on a free port of the loopback address until {@link #close()}, TLS first as TDS 8.0
   * has it ({@code encrypt=strict}), with the key and certificate of a PKCS#12 key store.
   */
  FakeTdsServer(String stsUrl, String spn, Path keyStore, char[] password)
      throws IOException, GeneralSecurityException {
    this.stsUrl = stsUrl;
    this.spn = spn;
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password);
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters parameters = server.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"tds/8.0"});
    server.setSSLParameters(parameters);
    this.socket = server;
    this.acceptor = new Thread(this::acceptAll, "fake-tds");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Every connection that ended so far. */
  List<Login> logins() {
    return List.copyOf(logins);
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        logins.add(serve(client));
      } catch (IOException e) {
        // The server socket was closed, or one connection broke; the next accept decides.
      }
    }
  }

  private Login serve(Socket client) throws IOException {
    DataInputStream in = new DataInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    List<Integer> types = new ArrayList<>();
    String token = null;
    try {
      types.add(readMessage(in).type());
      out.write(packet(TABULAR_RESULT, preLoginResponse()));
      out.flush();
      types.add(readMessage(in).type());
      out.write(packet(TABULAR_RESULT, fedAuthInfo()));
      out.flush();
      Message fedAuth = readMessage(in);
      types.add(fedAuth.type());
      if (fedAuth.type() == FEDAUTH_TOKEN) {
        token = accessToken(fedAuth.payload());
      }
      out.write(packet(TABULAR_RESULT, loginFailed()));
      out.flush();
    } catch (EOFException e) {
      // The driver gave up (e.g. its token request failed) and closed the connection.
    }
    return new Login(List.copyOf(types), token);
  }

  private record Message(int type, byte[] payload) {}

  /** One TDS message: packets (8-byte header, big-endian length) up to the end-of-message bit. */
  private static Message readMessage(DataInputStream in) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int type;
    int status;
    do {
      type = in.readUnsignedByte();
      status = in.readUnsignedByte();
      int length = in.readUnsignedShort();
      in.skipNBytes(4);
      payload.write(in.readNBytes(length - 8));
    } while ((status & 0x01) == 0);
    return new Message(type, payload.toByteArray());
  }

  private static byte[] packet(int type, byte[] payload) {
    ByteBuffer packet = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.BIG_ENDIAN);
    packet.put((byte) type).put((byte) 0x01).putShort((short) (8 + payload.length));
    packet.putShort((short) 0).put((byte) 1).put((byte) 0);
    return packet.put(payload).array();
  }

  /**
   * VERSION 16.0, ENCRYPTION = ENCRYPT_NOT_SUP (the login travels in the clear, which the driver
   * accepts with encrypt=false), FEDAUTHREQUIRED = 1.
   */
  private static byte[] preLoginResponse() {
    ByteBuffer b = ByteBuffer.allocate(3 * 5 + 1 + 6 + 1 + 1).order(ByteOrder.BIG_ENDIAN);
    int data = 3 * 5 + 1;
    b.put((byte) 0x00).putShort((short) data).putShort((short) 6);
    b.put((byte) 0x01).putShort((short) (data + 6)).putShort((short) 1);
    b.put((byte) 0x06).putShort((short) (data + 7)).putShort((short) 1);
    b.put((byte) 0xFF);
    b.put(new byte[] {16, 0, 0x07, (byte) 0xD0, 0, 0});
    b.put((byte) 0x02);
    b.put((byte) 0x01);
    return b.array();
  }

  /** FEDAUTHINFO (0xEE): STSURL (id 1) and SPN (id 2), offsets counted from the option count. */
  private byte[] fedAuthInfo() {
    byte[] sts = stsUrl.getBytes(StandardCharsets.UTF_16LE);
    byte[] resource = spn.getBytes(StandardCharsets.UTF_16LE);
    int options = 2;
    int header = 4 + options * 9;
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + header + sts.length + resource.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xEE).putInt(header + sts.length + resource.length).putInt(options);
    b.put((byte) 0x01).putInt(sts.length).putInt(header);
    b.put((byte) 0x02).putInt(resource.length).putInt(header + sts.length);
    return b.put(sts).put(resource).array();
  }

  /** FEDAUTH_TOKEN: a 4-byte length, then the token in UTF-16LE (then an optional nonce). */
  private static String accessToken(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    b.getInt();
    int length = b.getInt();
    byte[] token = new byte[length];
    b.get(token);
    return new String(token, StandardCharsets.UTF_16LE);
  }

  /** ERROR 18456 (login failed), then DONE with the error bit. */
  private static byte[] loginFailed() {
    byte[] message = "Login failed for user '<token-identified principal>'.".getBytes(StandardCharsets.UTF_16LE);
    byte[] server = "fake-tds".getBytes(StandardCharsets.UTF_16LE);
    int length = 4 + 1 + 1 + 2 + message.length + 1 + server.length + 1 + 4;
    ByteBuffer b = ByteBuffer.allocate(1 + 2 + length + 13).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xAA).putShort((short) length).putInt(18456).put((byte) 1).put((byte) 14);
    b.putShort((short) (message.length / 2)).put(message);
    b.put((byte) (server.length / 2)).put(server);
    b.put((byte) 0).putInt(1);
    b.put((byte) 0xFD).putShort((short) 0x0002).putShort((short) 0).putLong(0);
    return b.array();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
