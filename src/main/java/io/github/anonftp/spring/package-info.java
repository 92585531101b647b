/**
 * Spring factory beans for FtpServer's own XML configuration ({@code <server>} of
 * {@code http://mina.apache.org/ftpserver/spring/v1}). Each bean has a public no-arg constructor and void
 * setters named like the settings ({@code anonymous.homeDirectory} is {@code homeDirectory}); they touch no
 * Spring type but {@code FactoryBean} and {@code DisposableBean}, so they run on Spring 2.5.5 (the FtpServer
 * distribution) as well as on 5.3 and 6.x. Relative paths resolve against {@link HomeDirectory the
 * {@code anonftp.home} system property}, else the working directory.
 */
package io.github.anonftp.spring;
