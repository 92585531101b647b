package io.github.anonftp.accesslog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

import org.apache.ftpserver.FtpServerConfigurationException;

/**
 * Appends UTF-8 lines, one {@code \n} each, to a file, buffered until {@link #flush()} or a full buffer. The file is
 * created if needed; its directory must exist.
 *
 * <p>Survives rotation without a signal: {@link #maintain()} (about once a second) reopens the path when it names
 * another file or no file (logrotate {@code create}), or when the file is shorter than what was written
 * (logrotate {@code copytruncate}). The file is opened in append mode, so writes after a truncation start at
 * its new end and leave no hole. When the file cannot be written, {@link #write} and {@link #flush} throw
 * and buffered lines are kept up to the buffer's size; when it cannot be opened, {@link #maintain()} retries.
 */
public final class FileAccessLogWriter implements AccessLogWriter {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private FileChannel channel;
    private Object fileKey;
    /** Bytes the open file holds as far as this writer knows: its size at opening plus what was written since. */
    private long position;

    /**
     * Opens (and if needed creates) {@code file} for appending.
     *
     * @throws FtpServerConfigurationException when it cannot be opened, for example because its directory is
     *         missing
     */
    public FileAccessLogWriter(Path file) {
        this(file, "accessLog.destination");
    }

    /** As {@link #FileAccessLogWriter(Path)}, naming {@code setting} when the file cannot be opened. */
    FileAccessLogWriter(Path file, String setting) {
        this.path = Objects.requireNonNull(file, "file");
        try {
            open();
        } catch (IOException e) {
            throw new FtpServerConfigurationException(setting + ": \"" + file + "\" cannot be written: "
                    + reason(e) + "; expected a writable file path", e);
        }
    }

    @Override
    public void write(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > buffer.remaining()) {
            drain();
        }
        if (bytes.length > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(bytes));
        } else {
            buffer.put(bytes);
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    /** Reopens the path after a rotation, or retries opening it after a failure. */
    @Override
    public void maintain() throws IOException {
        if (channel == null) {
            open();
        } else if (rotated()) {
            try {
                drain();
            } finally {
                closeChannel();
                open();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            closeChannel();
        }
    }

    private boolean rotated() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return true;
        }
        Object key = attributes.fileKey();
        return (key != null && !key.equals(fileKey)) || attributes.size() < position;
    }

    private void open() throws IOException {
        FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            // Java has no fstat: the path is read right after opening, so a rename in between goes unnoticed.
            fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            position = opened.size();
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.compact();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        if (!bytes.hasRemaining()) {
            return;
        }
        if (channel == null) {
            throw new IOException("access log file " + path + " is not open");
        }
        while (bytes.hasRemaining()) {
            position += channel.write(bytes);
        }
    }

    private void closeChannel() throws IOException {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
