package io.github.anonftp.anonymous;

/** Where a guest path lies. */
public enum GuestArea {
    /** The read-only archive: guests may list and download, nothing else. */
    ARCHIVE,
    /** The drop box directory itself: guests may change into it and upload into it, not list it. */
    DROP_BOX,
    /** A file inside the drop box: guests may create it once, never read, list, change or remove it. */
    IN_DROP_BOX
}
