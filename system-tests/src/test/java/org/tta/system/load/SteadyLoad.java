package org.tta.system.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.tta.system.harness.SystemUnderTest;

/**
 * The steady load: one patient per session posting messages one after the other (each retried until it is
 * answered for good, see {@link MessageClient}), now and then a body that must be refused, and two
 * participants per session (the patient and the therapist, on different gateways) recording what their
 * sockets receive. Crisis messages go to sessions of their own, one each, on demand ({@link #postCrisis}).
 */
public final class SteadyLoad implements AutoCloseable {

    /** Every this many posts of a session, one bad body (refused with 4xx, never retried). */
    private static final int BAD_INPUT_EVERY = 40;
    private static final String CRISIS_TEXT = "I want to kill myself";

    private final SystemUnderTest system;
    private final MessageClient client;
    private final Responses responses = new Responses();
    private final List<Acked> acked = new CopyOnWriteArrayList<>();
    private final List<LoadSession> sessions = new ArrayList<>();
    private final List<LoadSession> crisisSessions = new ArrayList<>();
    private final Set<String> crisisSessionsPosted = ConcurrentHashMap.newKeySet();
    private final List<Participant> participants = new ArrayList<>();
    private final ExecutorService posters;
    private final Duration interval;
    private volatile boolean running;

    private record LoadSession(String id, String patient, String patientToken, String therapistToken) {
    }

    public SteadyLoad(SystemUnderTest system, int sessionCount, int crisisSessionCount, Duration interval) {
        this.system = system;
        this.interval = interval;
        this.client = new MessageClient(system.gateways, responses);
        for (int i = 0; i < sessionCount + crisisSessionCount; i++) {
            // one therapist per session: a user may hold only a few sockets per gateway
            String therapistToken = system.token("system-therapist-" + i, "therapist");
            String patient = "system-patient-" + i;
            String id = client.createSession(therapistToken, List.of(patient));
            LoadSession session = new LoadSession(id, patient, system.token(patient, "patient"), therapistToken);
            (i < sessionCount ? sessions : crisisSessions).add(session);
        }
        this.posters = Executors.newFixedThreadPool(sessionCount + crisisSessionCount, r -> {
            Thread t = new Thread(r, "poster");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the sockets, then starts posting. */
    public void start() {
        int g = 0;
        for (LoadSession session : sessions) {
            participants.add(new Participant(session.patient(), session.id(), session.patientToken(), system.gateways, g++));
            participants.add(new Participant("therapist", session.id(), session.therapistToken(), system.gateways, g));
        }
        participants.forEach(Participant::connect);
        // a socket opened without since= sees what is posted after it subscribed: post only once all are
        Awaitility.await("every socket subscribed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> participants.stream().allMatch(Participant::subscribed));
        running = true;
        for (LoadSession session : sessions) {
            posters.submit(() -> postUntilStopped(session));
        }
    }

    private void postUntilStopped(LoadSession session) {
        int n = 0;
        while (running) {
            n++;
            if (n % BAD_INPUT_EVERY == 0) {
                client.postBadInput(session.id(), session.patientToken());
            }
            String clientMessageId = session.patient() + "-" + n;
            client.post(session.id(), session.patientToken(), "message " + clientMessageId, () -> running)
                    .ifPresent(id -> acked.add(new Acked(id, session.id(), clientMessageId, false, System.nanoTime())));
            MessageClient.sleep(interval.toMillis());
        }
    }

    /** Posts one crisis message, in the background, to the next crisis session that has none yet. */
    public void postCrisis() {
        for (LoadSession session : crisisSessions) {
            if (crisisSessionsPosted.add(session.id())) {
                posters.submit(() -> client.post(session.id(), session.patientToken(), CRISIS_TEXT, () -> running)
                        .ifPresent(id -> acked.add(new Acked(id, session.id(), session.patient() + "-crisis", true,
                                System.nanoTime()))));
                return;
            }
        }
        throw new IllegalStateException("no crisis session left: size the run with more crisis sessions");
    }

    /** Stops posting (waits for the posts in flight to be answered); the sockets stay open for the checks. */
    public void stopPosting() throws InterruptedException {
        running = false;
        posters.shutdown();
        posters.awaitTermination(60, TimeUnit.SECONDS);
    }

    public List<Acked> acked() {
        return Collections.unmodifiableList(acked);
    }

    public Responses responses() {
        return responses;
    }

    public List<Participant> participants() {
        return participants;
    }

    /** The sessions under steady load (each with sockets). */
    public List<String> sessionIds() {
        return sessions.stream().map(LoadSession::id).toList();
    }

    /** Sessions that got a crisis message (or are about to). */
    public Set<String> crisisSessionIds() {
        return Set.copyOf(crisisSessionsPosted);
    }

    public List<String> allSessionIds() {
        List<String> all = new ArrayList<>(sessionIds());
        crisisSessions.forEach(s -> all.add(s.id()));
        return all;
    }

    @Override
    public void close() {
        running = false;
        posters.shutdownNow();
        participants.forEach(Participant::close);
    }
}
