package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Appending, buffering, configuration errors, and rotation seen through maintain(), without a thread. */
@Timeout(10)
class FileAccessLogWriterTest {

    @TempDir
    Path dir;

    private FileAccessLogWriter writer;

    @AfterEach
    void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void writeAndFlush(String... lines) throws IOException {
        for (String line : lines) {
            writer.write(line);
        }
        writer.flush();
    }

    @Test
    void appendsUtf8LinesToAnExistingFileOnlyWhenFlushed() throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "old\n");
        writer = new FileAccessLogWriter(file);
        writer.write("é ü 😀");
        assertThat(read(file)).isEqualTo("old\n");

        writer.flush();
        assertThat(read(file)).isEqualTo("old\né ü 😀\n");
    }

    @Test
    void createsTheFile() throws IOException {
        Path file = dir.resolve("new.log");
        writer = new FileAccessLogWriter(file);

        assertThat(file).isRegularFile().isEmptyFile();
    }

    @Test
    void aLineLongerThanTheBufferIsWrittenWhole() throws IOException {
        Path file = dir.resolve("access.log");
        writer = new FileAccessLogWriter(file);
        String longLine = "x".repeat(200_000);
        writeAndFlush("a", longLine, "b");

        assertThat(read(file)).isEqualTo("a\n" + longLine + "\nb\n");
    }

    @Test
    void aMissingDirectoryIsAConfigurationErrorAndIsNotCreated() {
        Path file = dir.resolve("missing").resolve("access.log");

        assertThatThrownBy(() -> new FileAccessLogWriter(file))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("accessLog.destination: \"" + file + "\" cannot be written: its directory does not exist;"
                        + " expected a writable file path");
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aDirectoryIsNotAWritableFile() {
        assertThatThrownBy(() -> new FileAccessLogWriter(dir))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("accessLog.destination: \"" + dir + "\" cannot be written: ")
                .hasMessageEndingWith("; expected a writable file path");
    }

    @Test
    void aRenamedFileIsFollowedByANewFileAtThePath() throws IOException {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1", "a2");
        Files.move(file, rotated);

        writer.maintain();
        writeAndFlush("b1");

        assertThat(read(rotated)).isEqualTo("a1\na2\n");
        assertThat(read(file)).isEqualTo("b1\n");
    }

    @Test
    void aFileCreatedAtThePathAfterTheRenameIsWrittenTo() throws IOException {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1");
        Files.move(file, rotated);
        Files.createFile(file);

        writer.maintain();
        writeAndFlush("b1");

        assertThat(read(rotated)).isEqualTo("a1\n");
        assertThat(read(file)).isEqualTo("b1\n");
    }

    @Test
    void aTruncatedFileIsWrittenFromItsStartWithoutAHole() throws IOException {
        Path file = dir.resolve("access.log");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1", "a2", "a3");
        Files.copy(file, dir.resolve("access.log.1"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }

        writer.maintain();
        writeAndFlush("b1");

        assertThat(read(file)).isEqualTo("b1\n").doesNotContain("\0");
        assertThat(read(dir.resolve("access.log.1"))).isEqualTo("a1\na2\na3\n");
    }

    @Test
    void anUnopenablePathFailsWritesUntilMaintainCanOpenItAgain() throws IOException {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path file = logs.resolve("access.log");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1");
        Files.delete(file);
        Files.delete(logs);

        assertThatThrownBy(writer::maintain).isInstanceOf(IOException.class);
        writer.write("kept in the buffer");
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class).hasMessageContaining("is not open");

        Files.createDirectory(logs);
        writer.maintain();
        writeAndFlush("b1");
        assertThat(read(file)).isEqualTo("kept in the buffer\nb1\n");
    }

    @Test
    void maintainLeavesAnUnchangedFileOpen() throws IOException {
        Path file = dir.resolve("access.log");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1");
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        writer.maintain();
        writeAndFlush("a2");

        assertThat(read(file)).isEqualTo("a1\na2\n");
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
                .isEqualTo(key);
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        Path file = dir.resolve("access.log");
        writer = new FileAccessLogWriter(file);
        writeAndFlush("a1");
        writer.close();

        writer.write("late");
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class);
        assertThat(read(file)).isEqualTo("a1\n");
        writer = null;
    }
}
