package io.github.anonftp.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * {@link AnonFtpMetrics} as a JMX MBean, {@code io.github.anonftp:type=Metrics,name=<name>}: one read-only
 * attribute per series, named as Prometheus writes it ({@code anonftp_logins_total{outcome="ok",...}}), of type
 * {@code double}. New series appear as new attributes (jconsole shows them after a refresh). Needs no library:
 * it works in the FtpServer distribution, where jconsole or Prometheus' jmx_exporter read it.
 */
public final class MetricsMBean implements DynamicMBean {

    /** The JMX domain of anonftp's MBeans. */
    public static final String DOMAIN = "io.github.anonftp";

    private final AnonFtpMetrics metrics;

    public MetricsMBean(AnonFtpMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Registers {@code bean} in the platform MBean server under {@code type=type,name=name}, or, when that name is
     * taken (several servers in one JVM), {@code name-2}, {@code name-3}, ...; returns the name used.
     */
    public static ObjectName register(Object bean, String type, String name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int n = 1; ; n++) {
            ObjectName objectName = objectName(type, n == 1 ? name : name + "-" + n);
            try {
                server.registerMBean(bean, objectName);
                return objectName;
            } catch (InstanceAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** {@code io.github.anonftp:type=<type>,name=<name>}, the name quoted. */
    public static ObjectName objectName(String type, String name) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=" + type + ",name=" + ObjectName.quote(name));
    }

    /** Unregisters {@code name} if it is registered; never throws. */
    public static void unregister(ObjectName name) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (name != null && server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            // gone already
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Series series = metrics.find(attribute);
        if (series == null) {
            throw new AttributeNotFoundException(attribute);
        }
        return series.value();
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            Series series = metrics.find(attribute);
            if (series != null) {
                list.add(new Attribute(attribute, series.value()));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations: " + actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<Series> all = metrics.series();
        MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[all.size()];
        for (int i = 0; i < attributes.length; i++) {
            Series series = all.get(i);
            attributes[i] = new MBeanAttributeInfo(series.id(), "double",
                    series.meter().type().name().toLowerCase(java.util.Locale.ROOT) + ": " + series.meter().help(),
                    true, false, false);
        }
        return new MBeanInfo(MetricsMBean.class.getName(), "anonftp's meters (see docs/operations.md)", attributes,
                null, null, null);
    }
}
