package io.github.anonftp.spring;

import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.springframework.beans.factory.FactoryBean;

import io.github.anonftp.anonymous.AnonymousFileSystemFactory;

/**
 * Makes an {@link AnonymousFileSystemFactory} for FtpServer's {@code <filesystem>} element: guests get their
 * jailed view, real users that of {@code delegate} (default FtpServer's {@link NativeFileSystemFactory}).
 */
public class AnonymousFileSystemFactoryBean implements FactoryBean<FileSystemFactory> {

    private FileSystemFactory delegate;
    private AnonymousFileSystemFactory fileSystem;

    public AnonymousFileSystemFactoryBean() {
    }

    /** The file system of real users; default FtpServer's native one. */
    public void setDelegate(FileSystemFactory value) {
        delegate = value;
    }

    @Override
    public synchronized FileSystemFactory getObject() {
        if (fileSystem == null) {
            fileSystem = new AnonymousFileSystemFactory(delegate == null ? new NativeFileSystemFactory() : delegate);
        }
        return fileSystem;
    }

    @Override
    public Class<?> getObjectType() {
        return FileSystemFactory.class;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
