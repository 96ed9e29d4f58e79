package org.tta.standalone;

/**
 * Ports of the embedded default. Each can be changed with a system property
 * ({@code -Dtta.standalone.gateway-port=18080}) or environment variable ({@code TTA_STANDALONE_GATEWAY_PORT}).
 */
record StandaloneSettings(int gatewayPort, int routerPort, int safetyPort, int auditPort, int kafkaPort,
                          int issuerPort, int postgresPort) {

    StandaloneSettings {
        for (int port : new int[] {gatewayPort, routerPort, safetyPort, auditPort, kafkaPort, issuerPort, postgresPort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    static StandaloneSettings fromEnvironment() {
        return new StandaloneSettings(port("gateway-port", 8080), port("router-port", 8081), port("safety-port", 8082),
                port("audit-port", 8083), port("kafka-port", 9092), port("issuer-port", 9000), port("postgres-port", 54329));
    }

    private static int port(String name, int fallback) {
        String value = System.getProperty("tta.standalone." + name,
                System.getenv("TTA_STANDALONE_" + name.toUpperCase().replace('-', '_')));
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
