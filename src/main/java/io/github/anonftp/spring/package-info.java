/**
 * Spring factory beans for FtpServer's own XML configuration ({@code <server>} of
 * {@code http://mina.apache.org/ftpserver/spring/v1}). Each bean has a public no-arg constructor and void
 * setters named like the settings ({@code anonymous.homeDirectory} is {@code homeDirectory}); they touch no
 * Spring type but {@code FactoryBean} and {@code DisposableBean}, so they run on Spring 2.5.5 (the FtpServer
 * distribution) as well as on 5.3 and 6.x. Setters only record values: they are checked when the object is
 * made, so a bad value fails with the setting's own message ({@code section.setting: "value" is not valid;
 * expected ...}) as the root cause, not inside Spring's batch of property errors. Relative paths resolve
 * against {@link HomeDirectory the {@code anonftp.home} system property}, else the working directory.
 */
package io.github.anonftp.spring;
