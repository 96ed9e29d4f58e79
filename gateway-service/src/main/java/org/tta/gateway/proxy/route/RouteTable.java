package org.tta.gateway.proxy.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.tta.gateway.proxy.ProxyProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The routes in force. Reloaded without restart: {@link #reload()} binds {@code tta.gateway.proxy.*}
 * afresh from the environment plus the optional routes file (the file wins), validates it, and swaps
 * the snapshot atomically; a bad configuration is refused and the routes in force stay. The routes
 * file is polled for changes; {@code POST /api/v1/ops/routes/refresh} reloads on demand.
 */
public final class RouteTable implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

    private final ConfigurableEnvironment environment;
    private final Validator validator;
    private final AtomicReference<Routes> current;
    private final List<Consumer<Routes>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile FileTime fileSeen;
    private volatile Instant loadedAt = Instant.now();
    private final Disposable watch;

    public RouteTable(ConfigurableEnvironment environment, Validator validator, ProxyProperties initial) {
        this.environment = environment;
        this.validator = validator;
        this.current = new AtomicReference<>(new Routes(bind()));
        this.fileSeen = modified(initial.routesFile());
        this.watch = initial.routesFile().isEmpty() ? null
                : Flux.interval(initial.reloadInterval(), Schedulers.boundedElastic())
                .filter(tick -> changed())
                .subscribe(tick -> tryReload(), e -> log.error("Routes file watch stopped: error={}", e.getClass().getName()));
    }

    public Routes routes() {
        return current.get();
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Called with each new snapshot (after the swap). */
    public void onChange(Consumer<Routes> listener) {
        listeners.add(listener);
    }

    /** Binds, validates and swaps in the configuration; throws {@link IllegalArgumentException} and keeps the old one when invalid. */
    public Routes reload() {
        fileSeen = modified(current.get().properties().routesFile());
        Routes next = new Routes(bind());
        current.set(next);
        loadedAt = Instant.now();
        listeners.forEach(l -> l.accept(next));
        log.info("Proxy routes loaded: routes={} composites={}", next.byName().size(), next.composites().size());
        return next;
    }

    private void tryReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Proxy routes not reloaded, the routes in force stay: error={}", e.getClass().getName());
        }
    }

    private ProxyProperties bind() {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        String file = environment.getProperty(ProxyProperties.PREFIX + ".routes-file", "");
        if (!file.isBlank()) {
            ConfigurationPropertySources.from(loadYaml(file)).forEach(sources::add);
        }
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        ProxyProperties bound = new Binder(sources).bindOrCreate(ProxyProperties.PREFIX, Bindable.of(ProxyProperties.class));
        Set<ConstraintViolation<ProxyProperties>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            ConstraintViolation<ProxyProperties> first = violations.iterator().next();
            throw new IllegalArgumentException(ProxyProperties.PREFIX + "." + first.getPropertyPath() + ": " + first.getMessage());
        }
        return bound;
    }

    private static List<PropertySource<?>> loadYaml(String file) {
        try {
            return new YamlPropertySourceLoader().load("proxy-routes-file", new FileSystemResource(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(ProxyProperties.PREFIX + ".routes-file: cannot read " + file, e);
        }
    }

    private boolean changed() {
        FileTime now = modified(current.get().properties().routesFile());
        return now != null && !now.equals(fileSeen);
    }

    private static FileTime modified(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(Path.of(file));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        if (watch != null) {
            watch.dispose();
        }
    }
}
