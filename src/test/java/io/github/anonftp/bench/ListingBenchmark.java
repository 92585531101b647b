package io.github.anonftp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.command.impl.listing.DirectoryLister;
import org.apache.ftpserver.command.impl.listing.LISTFileFormater;
import org.apache.ftpserver.command.impl.listing.ListArgumentParser;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.GuestListing;

/**
 * One LIST of a 1000-file directory without the network: FtpServer's own lister and formatter over its
 * native file system ({@code stockNative}, what stock FtpServer does) and over the guest file system
 * ({@code stockGuest}, what anonftp did before), against the guest listing anonftp now sends
 * ({@code guest}). Each op lists the directory from the disk (one directory read and one {@code lstat} per
 * entry, cached by the kernel) and formats every line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ListingBenchmark {

    private Path root;
    private FileSystemView stockView;
    private FileSystemView guestView;
    private final DirectoryLister lister = new DirectoryLister();
    private final LISTFileFormater formater = new LISTFileFormater();

    @Setup
    public void setUp() throws IOException, FtpException {
        root = Files.createTempDirectory("anonftp-listing");
        Path many = Files.createDirectories(root.resolve("pub/many"));
        for (int i = 0; i < 1000; i++) {
            Files.write(many.resolve(String.format("file-%04d.bin", i)), new byte[i % 97]);
        }
        BaseUser user = new BaseUser();
        user.setName("stock");
        user.setHomeDirectory(root.toString());
        stockView = new NativeFileSystemFactory().createFileSystemView(user);
        AnonymousUserManager guests = new AnonymousUserManager(AnonymousConfig.builder().homeDirectory(root).build());
        guestView = new AnonymousFileSystemFactory().createFileSystemView(
                guests.authenticate(new AnonymousAuthentication()));
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public String stockNative() throws IOException {
        return lister.listFiles(ListArgumentParser.parse("/pub/many"), stockView, formater);
    }

    @Benchmark
    public String stockGuest() throws IOException {
        return lister.listFiles(ListArgumentParser.parse("/pub/many"), guestView, formater);
    }

    @Benchmark
    public String guest() throws FtpException {
        List<? extends FtpFile> files = guestView.getFile("/pub/many").listFiles();
        return GuestListing.now().format(files, false, null);
    }
}
