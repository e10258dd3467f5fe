package dev.simplex.checkpoint;

/**
 * What a store did for one checkpoint.
 *
 * @param actorId the actor
 * @param sequence the sequence now durable
 * @param size the encoded (uncompressed) size of the checkpoint
 * @param chunks how many chunks it is made of
 * @param chunksWritten how many of those were new and written (the rest were already stored)
 * @param bytesWritten bytes written to storage: new compressed chunks plus the manifest
 */
public record StoreReceipt(
    String actorId, long sequence, int size, int chunks, int chunksWritten, long bytesWritten) {}
