package org.icl4j.cli.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in Debian's headless Chromium and reports what a reader's browser saw: the DOM after the load event
 * and every request that tried to leave the page's files. Chromium's only way out is an HTTP proxy on this
 * machine that the check runs ({@code --proxy-server}, loopback included through {@code <-loopback>}); it answers
 * nothing and records the first line of each request, so any remote asset (http, https, ws) is seen.
 */
final class HeadlessChromium {

    /**
     * Hosts Chromium itself contacts whatever the page (network time, component updates, sign-in), seen on Debian's
     * chromium 156 despite the flags below; a request to any other host is the page's.
     */
    static final List<String> BROWSER_SERVICES = List.of("clients2.google.com", "update.googleapis.com",
            "accounts.google.com", "redirector.gvt1.com", "edgedl.me.gvt1.com", "safebrowsingohttpgateway.googleapis.com",
            "optimizationguide-pa.googleapis.com", "content-autofill.googleapis.com");

    /**
     * What Chromium saw.
     *
     * @param dom the DOM after the load event
     * @param requests the first line of every request to a host other than {@link #BROWSER_SERVICES}
     */
    record Visit(String dom, List<String> requests) {
        /** @return the {@code data-images-loaded} mark of the report's inline script, e.g. {@code 5/5} */
        Optional<String> imagesLoaded() {
            Matcher matcher = Pattern.compile("data-images-loaded=\"([^\"]*)\"").matcher(dom);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
    }

    private HeadlessChromium() {
    }

    /** @return the chromium binary, if installed */
    static Optional<Path> find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static Visit open(Path chromium, Path page, Path profile) throws IOException, InterruptedException {
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread recorder = new Thread(() -> record(proxy, requests), "chromium-proxy");
            recorder.setDaemon(true);
            recorder.start();
            List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
                    "--disable-default-apps", "--disable-extensions", "--no-pings", "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:" + proxy.getLocalPort(),
                    "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=10000", "--dump-dom",
                    page.toUri().toString());
            Path log = profile.resolveSibling(profile.getFileName() + ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            byte[] dom = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("chromium did not finish within 120 s; its log: " + log);
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(200); // a connection accepted just before exit is recorded
            List<String> fromPage = new ArrayList<>();
            synchronized (requests) {
                for (String request : requests) {
                    if (BROWSER_SERVICES.stream().noneMatch(host -> request.contains("//" + host + "/") || request.contains(" " + host + ":"))) {
                        fromPage.add(request);
                    }
                }
            }
            return new Visit(new String(dom, StandardCharsets.UTF_8), fromPage);
        }
    }

    private static void record(ServerSocket proxy, List<String> requests) {
        while (!proxy.isClosed()) {
            try (Socket socket = proxy.accept()) {
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.append((char) c);
                }
                requests.add(line.toString().strip());
            } catch (IOException e) {
                if (!proxy.isClosed()) {
                    requests.add("(a connection that sent no request line: " + e.getMessage() + ")");
                }
            }
        }
    }
}
