package dev.easel.ledger;

/** A change the ledger's writer makes: a finished request booked, or an allowance given back. */
sealed interface Posting permits Booking, Posting.GiveBack {

    /** The rest of an allowance goes back to its key's budget, and the allowance ends. */
    record GiveBack(String allowanceId) implements Posting {
    }
}
