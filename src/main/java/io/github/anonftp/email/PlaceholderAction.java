package io.github.anonftp.email;

/** TEMPORARY stand-in until the email-policy branch lands. */
public enum PlaceholderAction { ACCEPT, WARN, REJECT }
