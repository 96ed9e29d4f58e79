import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

/** The benchmark's backend: answers every request with the same small JSON document, as fast as Reactor Netty can. */
public class Backend {
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        byte[] body = "{\"id\":\"p-1\",\"name\":\"Ada\",\"level\":7,\"scene\":\"the lighthouse\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> request.receive().then(Mono.defer(() ->
                        response.header("Content-Type", "application/json").sendByteArray(Mono.just(body)).then())))
                .bindNow();
        System.out.println("backend ready on " + port);
        Thread.currentThread().join();
    }
}
