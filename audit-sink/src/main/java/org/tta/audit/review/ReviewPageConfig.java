package org.tta.audit.review;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the reviewer page ({@code /review/}) from {@code classpath:/static/review/}. Only this path serves static
 * files (Spring Boot's default resource mappings stay off, so unknown paths remain 404 problems). The page itself
 * holds no data: every call it makes carries the reviewer's bearer token.
 */
@Configuration(proxyBeanMethods = false)
class ReviewPageConfig implements WebMvcConfigurer {

    static final String PAGE = "/review/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PAGE + "**").addResourceLocations("classpath:/static/review/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/review", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }
}
