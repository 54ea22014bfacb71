import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CustomerOnly, StorefrontAccess } from '../../../../core/auth/access.decorators';
import { Ctx } from '../../../../core/context/ctx.decorator';
import type { RequestContext } from '../../../../core/context/request-context';
import { CartService } from '../../cart.service';
import { CheckoutService } from '../../checkout.service';
import { ShippingMethodsService } from '../../shipping-methods.service';
import { CartDetailsInput, CartType, OrderType, ShippingMethodType } from '../order.types';

/** Carts and checkout on the Storefront API: anonymous carts by their id, a customer's own by session. */
@Resolver()
export class CartResolver {
  constructor(
    private readonly carts: CartService,
    private readonly checkout: CheckoutService,
    private readonly shipping: ShippingMethodsService,
  ) {}

  @Query(() => CartType, { nullable: true, description: 'null when unknown, of another storefront or of another customer.' })
  @StorefrontAccess()
  cart(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<CartType | null> {
    return this.carts.get(ctx, id);
  }

  @Query(() => [ShippingMethodType], { description: "This storefront's active methods, price in its currency." })
  @StorefrontAccess()
  shippingMethods(@Ctx() ctx: RequestContext): Promise<ShippingMethodType[]> {
    return this.shipping.forStorefront(ctx);
  }

  @Mutation(() => CartType, {
    description: "Logged in: the customer's active cart (created once). Otherwise a new anonymous cart.",
  })
  @StorefrontAccess()
  createCart(@Ctx() ctx: RequestContext): Promise<CartType> {
    return this.carts.create(ctx);
  }

  @Mutation(() => CartType, { description: 'Adds to the line of that SKU. Quantities 1..9,999 per line, at most 100 lines.' })
  @StorefrontAccess()
  addToCart(
    @Ctx() ctx: RequestContext,
    @Args('cartId', { type: () => ID }) cartId: string,
    @Args('sku', { type: () => String }) sku: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<CartType> {
    return this.carts.add(ctx, cartId, sku, quantity);
  }

  @Mutation(() => CartType, { description: 'Sets the quantity of a line; 0 removes it.' })
  @StorefrontAccess()
  updateCartLine(
    @Ctx() ctx: RequestContext,
    @Args('cartId', { type: () => ID }) cartId: string,
    @Args('sku', { type: () => String }) sku: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<CartType> {
    return this.carts.updateLine(ctx, cartId, sku, quantity);
  }

  @Mutation(() => CartType, { description: 'Fields left out stay as they are; an explicit null clears one.' })
  @StorefrontAccess()
  setCartDetails(
    @Ctx() ctx: RequestContext,
    @Args('cartId', { type: () => ID }) cartId: string,
    @Args('input') input: CartDetailsInput,
  ): Promise<CartType> {
    return this.carts.setDetails(ctx, cartId, input);
  }

  @Mutation(() => CartType, { description: "An anonymous cart's lines join my active cart (quantities add up)." })
  @CustomerOnly()
  mergeCart(@Ctx() ctx: RequestContext, @Args('cartId', { type: () => ID }) cartId: string): Promise<CartType> {
    return this.carts.merge(ctx, cartId);
  }

  @Mutation(() => OrderType, {
    description:
      'Re-prices, checks, reserves stock (INSUFFICIENT_STOCK) and places the order; again with the same cart: the same order.',
  })
  @StorefrontAccess()
  placeOrder(@Ctx() ctx: RequestContext, @Args('cartId', { type: () => ID }) cartId: string): Promise<OrderType> {
    return this.checkout.placeOrder(ctx, cartId);
  }
}
