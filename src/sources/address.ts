/**
 * Which network addresses `watch` may contact. A feed is someone else's text: an item that
 * names http://127.0.0.1:5432/ or http://169.254.169.254/ must not make Rasd talk to the
 * database next door or to the cloud's metadata service. So, unless the user allows it
 * (`rasd watch --allow-private`), only public addresses are contacted: not loopback,
 * private (RFC 1918, unique local), link-local, carrier-grade NAT, multicast, documentation
 * or reserved ranges, in IPv4 or IPv6 (IPv4-mapped IPv6 included).
 *
 * The check runs on the address actually connected to: on an IP in the URL, and on every
 * address a host name resolves to, at connection time (so a name that resolves to a private
 * address, or one re-pointed between two lookups, is refused too), for every redirect hop.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

/** True for an address that is not on the public internet (IPv4-mapped IPv6 by its IPv4). */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return true; // not an address: refuse rather than guess
  return NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Which addresses may be contacted (the default: public ones only). */
export type AddressPolicy = (ip: string) => boolean;
export const publicOnly: AddressPolicy = (ip) => !isPrivateAddress(ip);

/** The refusal, with what to do about it. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `refused to connect to ${host === address ? address : `${host} (${address})`}: not a public address ` +
        '(loopback, private or link-local); use --allow-private to allow it',
    );
    this.name = 'PrivateAddressError';
  }
}

/** The host of a URL when it is an IP literal that the policy refuses, else null. */
export function refusedLiteral(u: URL, allowed: AddressPolicy): PrivateAddressError | null {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) && !allowed(host) ? new PrivateAddressError(host, host) : null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup for net.connect that fails when any address of the name is refused by the policy. */
export function guardedLookup(allowed: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => !allowed(a.address));
      if (bad) return callback(new PrivateAddressError(hostname, bad.address), '');
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
