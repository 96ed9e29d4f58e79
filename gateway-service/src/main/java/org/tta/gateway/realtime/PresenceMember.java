package org.tta.gateway.realtime;

/** A participant connected to a session (once, however many connections they hold). */
public record PresenceMember(String subject, String role) implements Comparable<PresenceMember> {

    @Override
    public int compareTo(PresenceMember other) {
        int bySubject = subject.compareTo(other.subject);
        return bySubject != 0 ? bySubject : role.compareTo(other.role);
    }
}
