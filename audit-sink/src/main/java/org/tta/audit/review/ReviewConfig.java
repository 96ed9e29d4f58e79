package org.tta.audit.review;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the reviewer read API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewProperties.class)
class ReviewConfig {

    private static final Logger log = LoggerFactory.getLogger(ReviewConfig.class);

    @Bean
    CursorCodec cursorCodec(ReviewProperties properties) {
        if (properties.cursorKey() == null || properties.cursorKey().isBlank()) {
            log.warn("tta.audit.review.cursor-key is not set: page cursors are signed with a random key and do not "
                    + "survive a restart or work across instances");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return new CursorCodec(key);
        }
        return new CursorCodec(Base64.getDecoder().decode(properties.cursorKey().strip()));
    }
}
